/** The zxcvbn score of a password (see password-score.mjs). */
export declare function passwordScore(password: string, userInputs: readonly string[]): 0 | 1 | 2 | 3 | 4;
