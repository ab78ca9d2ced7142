// The collection e-mails' pure rules: placeholders found, checked and filled in, the expiry as
// a Japanese reads it, and how an SMTP failure is classified and its reply scrubbed.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/core/kernel/errors';
import { classifyMailError, scrubReply } from '../../src-main/core/modules/collection/outbox-sender';
import { DEFAULT_MAIL_TEMPLATES, formatJapaneseDateTime, placeholdersIn, renderMail, templateFieldProblem, templatesProblem } from '../../src-shared/collection-mail';

const TOKEN = 'Qm9vZ2llV29vZ2llQm9vZ2ll';

describe('templates', () => {
  it('find every braced name, and fill in only the four placeholders', () => {
    expect(placeholdersIn('{氏名} 様 {URL} {期限}まで {会社名} {部署} {}')).toEqual(['氏名', 'URL', '期限', '会社名', '部署', '']);
    expect(renderMail({ ...DEFAULT_MAIL_TEMPLATES, invitationSubject: '{会社名}: {氏名}様 {x}' }, 'invitation', { 氏名: '山田 花子', URL: 'u', 期限: 'e', 会社名: 'C' }).subject).toBe('C: 山田 花子様 {x}');
  });

  it('refuse an unknown placeholder, a body without {URL}, {URL} in a subject and a subject of two lines', () => {
    expect(templatesProblem(DEFAULT_MAIL_TEMPLATES)).toBeNull();
    expect(templateFieldProblem('reminderBody', '{URL} {所属}')).toEqual({
      field: 'reminderBody',
      key: 'errors.collectionMail.unknownPlaceholder',
      params: { field: 'reminderBody', placeholder: '{所属}' },
    });
    expect(templateFieldProblem('invitationBody', '{氏名} 様')?.key).toBe('errors.collectionMail.urlMissing');
    expect(templateFieldProblem('invitationSubject', 'こちら {URL}')?.key).toBe('errors.collectionMail.urlInSubject');
    expect(templateFieldProblem('reminderSubject', 'a\nBcc: x@example.jp')?.key).toBe('errors.collectionMail.subjectOneLine');
    // Full-width braces are plain text, not a placeholder.
    expect(templateFieldProblem('invitationSubject', '｛お知らせ｝')).toBeNull();
  });

  it('write the expiry in Japan time with its weekday', () => {
    expect(formatJapaneseDateTime('2026-12-15T05:30:00.000Z')).toBe('2026年12月15日（火）14:30');
    expect(formatJapaneseDateTime('2026-12-31T15:05:00.000Z')).toBe('2027年1月1日（金）00:05');
  });
});

describe('SMTP failures', () => {
  it('are final when the server refuses the recipient or the message, and retried otherwise', () => {
    const refused = Object.assign(new Error('x'), { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 <a@example.jp>: unknown' });
    expect(classifyMailError(refused, [])).toEqual({ code: 'smtp_rejected', text: '550 5.1.1 <a@example.jp>: unknown', retry: 'final' });
    const later = Object.assign(new Error('x'), { command: 'RCPT TO', responseCode: 451, response: '451 greylisted, try again later' });
    expect(classifyMailError(later, [])).toMatchObject({ code: 'smtp_unavailable', retry: 'row' });
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET', command: 'CONN' });
    expect(classifyMailError(down, [])).toEqual({ code: 'smtp_unavailable', text: 'connect ECONNREFUSED 127.0.0.1:25', retry: 'server' });
    // A refused sender address or login is the settings' problem: the queue waits for a fix.
    const sender = Object.assign(new Error('x'), { command: 'MAIL FROM', responseCode: 553, response: '553 sender not allowed' });
    expect(classifyMailError(sender, [])).toMatchObject({ code: 'smtp_unavailable', retry: 'server' });
    expect(classifyMailError(new AppError('INTERNAL', 'errors.mail.notConfigured'), [])).toEqual({ code: 'not_configured', text: null, retry: 'server' });
  });

  it('keep no link, token or control character of the reply', () => {
    expect(scrubReply(`554 rejected: https://192.168.1.10:8443/c/#${TOKEN} looks like spam`, [TOKEN])).toBe('554 rejected: [URL] looks like spam');
    expect(scrubReply(`550 bad ${TOKEN}`, [TOKEN])).toBe('550 bad …');
    expect(scrubReply('550 queue id a1B2c3D4e5F6g7H8i9J0k1L2 refused')).toBe('550 queue id … refused');
    expect(scrubReply('550 line one\r\n550 line two\u0007')).toBe('550 line one 550 line two');
    expect(scrubReply('x'.repeat(5) + ' ' + 'y '.repeat(400))).toHaveLength(300);
  });
});
