// pdfjs-dist 6 declares Node >= 22.13 and calls Promise.withResolvers (Node 22+) even in its legacy
// build; the shim lets it read PDFs on the Node 20 this project targets. Imported lazily so the
// shim is in place first.
async function loadPdfjs() {
  if (!('withResolvers' in Promise)) {
    Object.defineProperty(Promise, 'withResolvers', {
      configurable: true,
      writable: true,
      value<T>() {
        let resolve!: (value: T | PromiseLike<T>) => void;
        let reject!: (reason?: unknown) => void;
        const promise = new Promise<T>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        return { promise, resolve, reject };
      },
    });
  }
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

/** The text of a PDF, whitespace collapsed (wrapped lines come back as separate items), and its page count. */
export async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const { getDocument } = await loadPdfjs();
  const loading = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  try {
    const document = await loading.promise;
    const parts: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      for (const item of content.items) if ('str' in item) parts.push(item.str, item.hasEOL ? '\n' : '');
    }
    // Wrapped lines come back as separate items: compare with whitespace collapsed.
    return { pages: document.numPages, text: parts.join('').replace(/\s+/g, ' ') };
  } finally {
    await loading.destroy();
  }
}
