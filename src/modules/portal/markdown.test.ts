import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('markdown for the public', () => {
  it('renders the usual Markdown', () => {
    expect(renderMarkdown('# Forum\n\n**252** companies, *30* countries.\n\n- one\n- two')).toBe('<h2>Forum</h2>\n<p><strong>252</strong> companies, <em>30</em> countries.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(renderMarkdown('[fund](https://adi.example/fund)')).toBe('<p><a href="https://adi.example/fund" rel="noopener noreferrer nofollow">fund</a></p>');
  });

  it('removes scripts, frames, event handlers and script URLs in every disguise', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<iframe src="https://evil.example"></iframe>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[click](java&#x09;script:alert(1))',
      '[click](vbscript:msgbox(1))',
      '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)>',
      '<div style="background:url(javascript:alert(1))">x</div>',
    ];
    for (const attack of attacks) {
      const html = renderMarkdown(attack);
      expect(html, attack).not.toMatch(/<(script|iframe|svg|div)|<[^>]+\son\w+=|<a\s[^>]*href="\s*(javascript|vbscript|data):|<img\s[^>]*src="\s*(javascript|data):/i);
    }
    // Raw HTML stays visible as text, harmless.
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    // A script link keeps its text and loses its target.
    expect(renderMarkdown('[click](javascript:alert(1))')).not.toContain('<a ');
  });

  it('shows only images uploaded to the platform', () => {
    const id = '019ac000-0000-7000-8000-000000000001';
    expect(renderMarkdown(`![plant](/api/v1/public/images/${id})`)).toBe(`<p><img src="/api/v1/public/images/${id}" alt="plant" loading="lazy" /></p>`);
    for (const src of ['https://adi.example/plant.jpg', 'http://adi.example/plant.jpg', '//adi.example/plant.jpg', '/api/v1/public/images/../../auth/me', 'data:image/png;base64,AAAA', `/api/v1/public/images/${id}?x=1`]) {
      expect(renderMarkdown(`![plant](${src})`), src).not.toContain('<img');
    }
  });

  it('gives plain text for summaries', () => {
    expect(markdownToText('# Title\n\n**Bold** and <b>tags</b>')).toBe('Title Bold and &lt;b&gt;tags&lt;/b&gt;');
    expect(markdownToText('word '.repeat(100), 20)).toHaveLength(20);
  });
});
