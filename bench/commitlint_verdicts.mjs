// commitlint's verdicts on many messages in one process, as `commitlint --from --to` reaches
// them (@commitlint/cli's cli.js: load the configuration, take the parser options of its
// preset, lint with the default ignores on). One node start for thousands of commits,
// instead of one `commitlint` process per commit.
//
//   node bench/commitlint_verdicts.mjs NODE_DIR < messages.json > verdicts.json
//
// NODE_DIR holds node_modules with @commitlint/cli and @commitlint/config-conventional
// (bench/commitlint.py installs them into bench/.work/commitlint). stdin: a JSON list of
// [sha, message]; stdout: a JSON list of [sha, ignored, [error rule names], [warning names]].
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const nodeDir = resolve(process.argv[2]);
const require = createRequire(join(nodeDir, "package.json"));
// @commitlint/cli's own dependencies, resolved from where the CLI is installed.
const cliRequire = createRequire(require.resolve("@commitlint/cli/package.json"));
const load = async (name) => {
  const module = await import(pathToFileURL(cliRequire.resolve(name)).href);
  return module.default ?? module;
};
const lintModule = await load("@commitlint/lint");
const loadModule = await load("@commitlint/load");
const isIgnoredModule = await load("@commitlint/is-ignored");
const lint = lintModule.default ?? lintModule;
const loadConfig = loadModule.default ?? loadModule;
const isIgnored = isIgnoredModule.default ?? isIgnoredModule;

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const messages = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const loaded = await loadConfig(
  { extends: ["@commitlint/config-conventional"] },
  { cwd: nodeDir },
);
const parserOpts = loaded.parserPreset?.parserOpts ?? {};
const opts = { parserOpts, plugins: loaded.plugins ?? {}, ignores: [], defaultIgnores: true };

const out = [];
for (const [sha, message] of messages) {
  const result = await lint(message, loaded.rules, opts);
  out.push([
    sha,
    isIgnored(message, { defaults: true }),
    result.errors.map((e) => e.name),
    result.warnings.map((w) => w.name),
  ]);
}
process.stdout.write(JSON.stringify(out));
