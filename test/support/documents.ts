/** A minimal PDF (its type is recognised from its bytes) made unique by a comment, so each upload stores a new file. */
export function minimalPdf(tag: string): Buffer {
  return Buffer.from(`%PDF-1.4\n%${tag}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}
