// Jest testResultsProcessor: when JEST_RESULTS_FILE is set (by .ci/run), writes jest's aggregated
// results there as JSON so CI can count passed and failed tests. Returns the results unchanged.
const { writeFileSync } = require("node:fs");

module.exports = (results) => {
  const file = process.env.JEST_RESULTS_FILE;
  if (file) writeFileSync(file, JSON.stringify(results));
  return results;
};
