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
// It only moves folders into and out of Netlify's cache folder
// (constants.CACHE_DIR, which Netlify keeps between builds): the generator
// decides what in its cache is still valid (generator/pipeline, cache.go:
// keys cover the sources and the generator; the kept pack and index, and
// each entry's list of files, are checked against their SHA-256 and made
// again when damaged), and Go checks its own. Not checked: the bytes of
// each kept page (hashing the 4.9 GB of 1,000 reports' cache would cost
// seconds a build); "Clear cache and deploy" in Netlify's UI starts cold. Each folder is renamed, not copied, and not walked:
// Netlify's utils.cache copies file by file by default (4 min 51 s for the
// 369,000 files of 1,000 reports' cache) and, even when asked to move,
// first walks the whole folder to see that it is not empty (14.6 s for the
// output of 1,000 reports, twice a deploy). The build's output keeps its
// own links to the cache's files, so moving the cache away leaves it whole.
//
// onEnd runs after the build and the deploy, failed or not: the pipeline
// writes each cache file whole or not at all, so what a failed build leaves
// is as good as what it found, and the next deploy need not start cold.
//
// A local run of Netlify's build (netlify-cli: IS_LOCAL) keeps its folders
// where they are, as any local build does, unless PKPORTAL_KEEP_CACHES=1
// asks it to behave as on Netlify (the benchmarks, which delete them between
// runs as a clean clone would); Go's build cache is then kept only when
// GOCACHE names it in the environment: a developer's own (often many GB) is
// theirs.

const fs = require("fs");
const { execFileSync } = require("child_process");
const { dirname, isAbsolute, join, relative, resolve } = require("path");

const name = "pkportal-build-cache";

// folders are the folders to keep: the inputs' paths, and Go's build cache
// when go-build-cache is set and go can say where it is.
function folders(inputs, constants) {
  if (constants.IS_LOCAL && process.env.PKPORTAL_KEEP_CACHES !== "1") {
    console.log(`${name}: a local build: its folders stay where they are (PKPORTAL_KEEP_CACHES=1 moves them as on Netlify)`);
    return [];
  }
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

// kept is where path is kept in Netlify's cache folder.
function kept(cacheDir, path) {
  const abs = resolve(path);
  const rel = relative(process.cwd(), abs);
  const inRepo = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  return join(cacheDir, name, inRepo ? join("repo", rel) : join("abs", abs));
}

// move puts the folder from at to, replacing what is there; false when
// there is no folder at from.
function move(from, to) {
  if (!fs.existsSync(from)) {
    return false;
  }
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(dirname(to), { recursive: true });
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if (err.code !== "EXDEV") {
      throw err;
    }
    // another disk: a copy (hard links become copies), then the original
    // goes; a copy cut short is not left behind
    try {
      fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    } catch (copyErr) {
      fs.rmSync(to, { recursive: true, force: true });
      throw copyErr;
    }
    fs.rmSync(from, { recursive: true, force: true });
  }
  return true;
}

// A folder that cannot be moved is said and skipped: a cache is worth a
// faster deploy, never a failed one.
module.exports = {
  async onPreBuild({ inputs, constants }) {
    for (const path of folders(inputs, constants)) {
      try {
        if (move(kept(constants.CACHE_DIR, path), path)) {
          console.log(`${name}: ${path} restored`);
        } else {
          console.log(`${name}: no ${path} cached: this build starts cold`);
        }
      } catch (err) {
        console.log(`${name}: ${path} not restored (${err.message}): this build starts cold`);
      }
    }
  },

  async onEnd({ inputs, constants }) {
    for (const path of folders(inputs, constants)) {
      try {
        if (move(path, kept(constants.CACHE_DIR, path))) {
          console.log(`${name}: ${path} saved for the next deploy`);
        } else {
          console.log(`${name}: no ${path} to save`);
        }
      } catch (err) {
        console.log(`${name}: ${path} not saved (${err.message}): the next deploy starts cold`);
      }
    }
  },
};
