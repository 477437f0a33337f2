// pkportal-build-cache: a local Netlify build plugin that keeps, between
// deploys, the folders of its input paths (netlify.toml: the generator's
// build cache, with the rendered reports and the functions' pack and search
// index, and the previous output, whose unchanged reports' folders the
// build takes over whole) and, with the input go-build-cache, Go's build
// cache. Netlify starts every build from a clean clone: with the first
// restored, a deploy renders only the reports whose source, or the
// generator itself, changed since the last deploy; with the last, `go run
// ./generator` and the functions' bundling compile only what changed (a
// cold compile of the generator took 163 s on the 2-core machine of bench/,
// a warm one 1 s).
//
// It only moves folders with Netlify's own cache utility (utils.cache): the
// generator decides what in its cache is still valid (generator/pipeline,
// cache.go), and Go checks its own, so a stale or damaged cache costs a
// cold build, never a wrong page.
//
// onEnd runs after the build and the deploy, failed or not: the pipeline
// writes each cache file whole or not at all, so what a failed build leaves
// is as good as what it found, and the next deploy need not start cold.
//
// Both ways a folder is moved, not copied (move: true, one rename on the
// same disk): the cache-utils' default copies file by file, which took
// 4 min 51 s for the 369,000 files (4.9 GB) of 1,000 reports' cache, and
// would turn its hard links into copies. The build's output keeps its own
// links to the cache's files, so moving the folder away leaves it whole.

const { execFileSync } = require("child_process");
const { isAbsolute } = require("path");

const name = "pkportal-build-cache";

// folders are the folders to keep: the inputs' paths, and Go's build cache
// when go-build-cache is set and go can say where it is. A local run of
// Netlify's build (netlify-cli: IS_LOCAL) keeps Go's cache only when GOCACHE
// names it in the environment: a developer's own cache (often many GB) is
// theirs, not to be moved into the repository's .netlify/cache.
function folders(inputs, constants) {
  const out = [...inputs.paths];
  if (inputs["go-build-cache"] && constants.IS_LOCAL && !process.env.GOCACHE) {
    console.log(`${name}: a local build: your Go build cache stays where it is (set GOCACHE to keep one)`);
  } else if (inputs["go-build-cache"]) {
    try {
      const dir = execFileSync("go", ["env", "GOCACHE"], { encoding: "utf8" }).trim();
      if (isAbsolute(dir)) {
        out.push(dir);
      } else {
        console.log(`${name}: go env GOCACHE says "${dir}": Go's build cache is not kept`);
      }
    } catch (err) {
      console.log(`${name}: go env GOCACHE: ${err.message}: Go's build cache is not kept`);
    }
  }
  return out;
}

module.exports = {
  async onPreBuild({ inputs, utils, constants }) {
    for (const path of folders(inputs, constants)) {
      if (await utils.cache.restore(path, { move: true })) {
        console.log(`${name}: ${path} restored`);
      } else {
        console.log(`${name}: no ${path} cached: this build starts cold`);
      }
    }
  },

  async onEnd({ inputs, utils, constants }) {
    for (const path of folders(inputs, constants)) {
      if (await utils.cache.save(path, { move: true })) {
        console.log(`${name}: ${path} saved for the next deploy`);
      } else {
        console.log(`${name}: no ${path} to save`);
      }
    }
  },
};
