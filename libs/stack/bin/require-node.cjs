#!/usr/bin/env node
// `npm start` runs this first, before turbo builds anything or a module is loaded that an old Node
// cannot parse: plain CommonJS, no dependencies, so the message below is what a user on Node 18 sees.
'use strict';

const minimumMajor = 20;

/** The sentence to print when `version` (e.g. "v18.19.0") is too old, or undefined when it is fine. */
function tooOld(version) {
  const major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (Number.isFinite(major) && major >= minimumMajor) return undefined;
  return (
    `Node.js ${minimumMajor} or newer is needed; this is ${version}. ` +
    'Install a current LTS (https://nodejs.org, nvm install --lts) and run npm start again.'
  );
}

module.exports = { minimumMajor, tooOld };

if (require.main === module) {
  const problem = tooOld(process.version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
