import readline from 'node:readline';
import { CliError } from './context.ts';

/** The first line of standard input, without its line ending. */
export async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0];
  if (!line) throw new CliError('no password on standard input', 2);
  return line;
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    output._writeToOutput = (s: string) => {
      // Echo the prompt and line breaks, never the typed characters.
      if (s.startsWith(question) || s === '\r\n' || s === '\n') process.stderr.write(s.startsWith(question) ? question : s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** Asks for a password twice on the terminal without echoing it. */
export async function readPasswordFromPrompt(): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask for the password: use --password-stdin', 2);
  const first = await askHidden('Password (12 characters or more): ');
  const second = await askHidden('Repeat the password: ');
  if (first !== second) throw new CliError('the passwords differ', 2);
  return first;
}
