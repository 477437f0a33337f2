// pkportal-build-cache: a local Netlify build plugin that keeps the
// generator's build cache (rendered reports, the functions' pack and search
// index) between deploys. Netlify starts every build from a clean clone; with
// the cache restored, a deploy renders only the reports whose source, or the
// generator itself, changed since the last successful deploy.
//
// It only moves folders with Netlify's own cache utility (utils.cache): the
// generator decides what in the cache is still valid (generator/pipeline,
// cache.go), so a stale or damaged cache costs a cold build, never a wrong page.
// onPostBuild runs after a successful build only: a failed build saves nothing.

module.exports = {
  async onPreBuild({ inputs, utils }) {
    for (const path of inputs.paths) {
      if (await utils.cache.restore(path)) {
        console.log(`pkportal-build-cache: ${path} restored`);
      } else {
        console.log(`pkportal-build-cache: no ${path} cached: the build renders every report`);
      }
    }
  },

  async onPostBuild({ inputs, utils }) {
    for (const path of inputs.paths) {
      if (await utils.cache.save(path)) {
        console.log(`pkportal-build-cache: ${path} saved for the next deploy`);
      } else {
        console.log(`pkportal-build-cache: no ${path} to save`);
      }
    }
  },
};
