/**
 * Runs in every test file before its tests. New password hashes are cheap here (scrypt with
 * N = 2^12, p = 1) so the suite's many sign-ins stay fast; the production cost has its own test
 * (test/db/auth.test.ts), and servers the tests start as processes use it.
 */
import { setHashCost } from '../src/services/auth/password.ts';

setHashCost({ N: 2 ** 12, r: 8, p: 1 });
