// A cancelled check still running after restartAfterMs makes the check host restart its worker, so
// checks queued behind it do not wait. A worker's first check also builds what every later check
// reuses (near-miss index, converters): restarting for it only makes a new worker build them again
// (on a loaded machine that turned a slow first check into a restart loop), so it gets longer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIRST_CHECK_GRACE, restartDue } from '../../server/src/lsp/checkHost';

const LIMIT = 1000;

test('a cancelled check past the limit restarts the worker once the worker has answered a check', () => {
  assert.equal(restartDue({ id: 7, since: 0 }, 7, 3, LIMIT, LIMIT), true);
  assert.equal(restartDue({ id: 7, since: 0 }, 7, 3, LIMIT - 1, LIMIT), false);
});

test("a worker's first check is given FIRST_CHECK_GRACE times the limit", () => {
  assert.ok(FIRST_CHECK_GRACE > 1);
  assert.equal(restartDue({ id: 1, since: 0 }, 1, 0, LIMIT, LIMIT), false);
  assert.equal(restartDue({ id: 1, since: 0 }, 1, 0, LIMIT * FIRST_CHECK_GRACE - 1, LIMIT), false);
  assert.equal(restartDue({ id: 1, since: 0 }, 1, 0, LIMIT * FIRST_CHECK_GRACE, LIMIT), true);
});

test('nothing is restarted for a check that has not begun or is not the stuck one', () => {
  assert.equal(restartDue(undefined, 4, 5, 10 * LIMIT, LIMIT), false);
  assert.equal(restartDue({ id: 5, since: 0 }, 4, 5, 10 * LIMIT, LIMIT), false);
  assert.equal(restartDue({ id: 5, since: 0 }, undefined, 5, 10 * LIMIT, LIMIT), false);
});
