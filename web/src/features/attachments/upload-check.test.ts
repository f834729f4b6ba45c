import { describe, expect, it } from 'vitest';
import { acceptAttribute, acceptedSummary, refusalBeforeSending } from './upload-check';

/** As Query.attachmentRules answers with the default UPLOAD_MAX_BYTES. */
const rules = {
  maxBytes: 10 * 1024 * 1024,
  maxSize: '10 MB',
  accepted: [
    { label: 'PNG', extensions: ['png'] },
    { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
    { label: 'plain text', extensions: ['txt', 'csv', 'md'] },
  ],
};

describe('checking a file before sending it', () => {
  it('refuses, in words, a file over the limit or of a kind the server never accepts', () => {
    expect(refusalBeforeSending({ name: 'shoot.png', size: 11 * 1024 * 1024, type: 'image/png' }, rules)).toBe(
      'This file is too large: files up to 10 MB can be attached.',
    );
    expect(refusalBeforeSending({ name: 'setup.EXE', size: 2_000, type: 'application/x-msdownload' }, rules)).toBe("This kind of file isn't accepted: .exe.");
    expect(refusalBeforeSending({ name: 'logo.svg', size: 200, type: 'image/svg+xml' }, rules)).toBe("This kind of file isn't accepted: .svg.");
  });

  it('leaves to the server what only the content can tell', () => {
    expect(refusalBeforeSending({ name: 'hero.JPG', size: 10 * 1024 * 1024, type: 'image/jpeg' }, rules)).toBeUndefined();
    expect(refusalBeforeSending({ name: 'server.log', size: 300, type: 'text/plain' }, rules)).toBeUndefined();
    expect(refusalBeforeSending({ name: 'README', size: 300, type: '' }, rules)).toBeUndefined();
  });

  it('offers the accepted endings in the picker and names them in the hint', () => {
    expect(acceptAttribute(rules)).toBe('.png,.jpg,.jpeg,.txt,.csv,.md');
    expect(acceptedSummary(rules)).toBe('PNG, JPEG or plain text, up to 10 MB each.');
  });
});
