// Stands in for the `debug` package inside the bundled @stdlib code (tsup.config.ts): stdlib's gammaincinv
// only logs through it, and the real package's Node build requires tty, util, fs and net at load, which a
// browser bundle of par-index must not.
'use strict';
module.exports = function createDebug() {
  const log = function () {};
  log.enabled = false;
  return log;
};
