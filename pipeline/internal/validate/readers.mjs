// readers.mjs NODE_MODULES FILE.pdf...: the text PDF.js (Firefox) and PDFium
// (Chrome, Edge) extract from each file, page by page, and PDF.js's
// structure tree of each page, as one JSON object on standard output:
//
//	{"FILE.pdf": {"pdfjs": ["page 1", ...], "pdfium": [...], "struct": [tree, ...]}}
//
// One process reads every file: starting Node and the two libraries takes
// far longer than reading a statement.
import { createRequire } from "module";
import fs from "fs";

const require = createRequire(process.argv[2]);
const pdfjs = await import(require.resolve("pdfjs-dist/legacy/build/pdf.mjs"));
const pdfiumDir = require.resolve("@embedpdf/pdfium").replace(/index\.cjs$/, "");
const { init } = await import(pdfiumDir + "index.js");
const pdfium = await init({ wasmBinary: fs.readFileSync(pdfiumDir + "pdfium.wasm") });
pdfium.PDFiumExt_Init();

async function withPDFjs(data) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0 }).promise;
  const pages = [], trees = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    let out = "";
    for (const it of tc.items) {
      out += it.str;
      if (it.hasEOL) out += "\n";
    }
    pages.push(out);
    trees.push(await page.getStructTree());
  }
  await doc.destroy();
  return [pages, trees];
}

function withPDFium(data) {
  const m = pdfium;
  const p = m.pdfium.wasmExports.malloc(data.length);
  m.pdfium.HEAPU8.set(data, p);
  const doc = m.FPDF_LoadMemDocument(p, data.length, "");
  if (!doc) throw new Error("PDFium cannot open the file");
  const pages = [];
  const n = m.FPDF_GetPageCount(doc);
  for (let i = 0; i < n; i++) {
    const page = m.FPDF_LoadPage(doc, i);
    const tp = m.FPDFText_LoadPage(page);
    const count = m.FPDFText_CountChars(tp);
    const buf = m.pdfium.wasmExports.malloc((count + 1) * 2);
    m.FPDFText_GetText(tp, 0, count, buf);
    pages.push(m.pdfium.UTF16ToString(buf));
    m.pdfium.wasmExports.free(buf);
    m.FPDFText_ClosePage(tp);
    m.FPDF_ClosePage(page);
  }
  m.FPDF_CloseDocument(doc);
  m.pdfium.wasmExports.free(p);
  return pages;
}

const result = {};
for (const file of process.argv.slice(3)) {
  const data = fs.readFileSync(file);
  const [pages, trees] = await withPDFjs(data);
  result[file] = { pdfjs: pages, pdfium: withPDFium(data), struct: trees };
}
process.stdout.write(JSON.stringify(result));
