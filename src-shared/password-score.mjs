// The zxcvbn score (0 guessable … 4 strong) the password rule (password-policy.ts) asks for, with
// the dictionaries and keyboard graphs it is judged against, in one place for the strength
// meter (renderer) and the core. The dictionaries are some 24 MB of heap once built and a check
// takes 150–300 ms, so the core runs this file on a thread of its own
// (src-main/core/platform/password-strength) and its own thread never loads them. Plain
// JavaScript, so Node runs this very file on that thread in development and in the tests.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** @type {ZxcvbnFactory | undefined} */
let factory;

/**
 * @param {string} password
 * @param {readonly string[]} userInputs words of the account's own (login ID, name, e-mail)
 * @returns {0 | 1 | 2 | 3 | 4}
 */
export function passwordScore(password, userInputs) {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: true,
  });
  return factory.check(password, [...userInputs]).score;
}
