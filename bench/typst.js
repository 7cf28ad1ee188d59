// Compiles a Typst file to PDF with typst.ts's Node compiler, which runs
// offline: node bench/typst.js IN.typ OUT.pdf FONTDIR
// Only the fonts in FONTDIR (the project's) are used, as polypress does.
const fs = require("fs");
const path = require("path");
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");

const [input, output, fontDir] = process.argv.slice(2);
if (!input || !output || !fontDir) {
  console.error("usage: node typst.js IN.typ OUT.pdf FONTDIR");
  process.exit(2);
}
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(input)),
  fontArgs: [{ fontPaths: [path.resolve(fontDir)] }],
});
const pdf = compiler.pdf({ mainFilePath: path.resolve(input) });
fs.writeFileSync(output, pdf);
