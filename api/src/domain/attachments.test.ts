import { describe, expect, it } from 'vitest';
import {
  canRemoveAttachment,
  checkVersionRoom,
  decideType,
  displayFileName,
  extensionOf,
  isPlainText,
  MAX_VERSIONS_PER_FILE,
  sizeInWords,
  tooLargeMessage,
} from './attachments.ts';
import { DomainError } from './errors.ts';
import type { TicketFacts } from './ticket-access.ts';
import type { Viewer } from './viewer.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof DomainError ? error.code : 'thrown';
  }
};
const text = (value: string) => new TextEncoder().encode(value);

describe('displayFileName', () => {
  it('refuses names that look like paths or hide what they are', () => {
    for (const name of ['../../etc/passwd', 'a/b.png', 'C:\\temp\\x.png', '..', '.', '', '   ', 'x\u0000.png', 'invoice\u202egnp.exe', 'a'.repeat(201)]) {
      expect(
        codeOf(() => displayFileName(name)),
        JSON.stringify(name),
      ).toBe('BAD_USER_INPUT');
    }
  });
  it('keeps ordinary names, tidying their spaces', () => {
    expect(displayFileName('  Spring  banner v2.png ')).toBe('Spring banner v2.png');
    expect(displayFileName('résumé.pdf')).toBe('résumé.pdf');
    expect(displayFileName('.env.txt')).toBe('.env.txt');
  });
});

describe('decideType', () => {
  it('takes what the sniffer recognised only when it is on the list', () => {
    expect(decideType('image/png', new Uint8Array()).mime).toBe('image/png');
    expect(decideType('video/quicktime', new Uint8Array()).inline).toBe(true);
    for (const mime of ['application/x-elf', 'application/x-msdownload', 'image/svg+xml', 'text/html', 'application/zip']) {
      expect(
        codeOf(() => decideType(mime, new Uint8Array())),
        mime,
      ).toBe('BAD_USER_INPUT');
    }
  });
  it('takes unrecognised content only as plain UTF-8 text without markup', () => {
    expect(decideType(undefined, text('Headline: Spring sale\nBody copy…\n')).mime).toBe('text/plain');
    expect(codeOf(() => decideType(undefined, new Uint8Array()))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decideType(undefined, text('<svg onload="alert(1)"/>')))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decideType(undefined, text('hello\n<!DOCTYPE html><p>x')))).toBe('BAD_USER_INPUT');
  });
  it('names a refused kind by the file’s ending, in words', () => {
    const messageOf = (run: () => unknown) => {
      try {
        run();
        return 'ok';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    expect(messageOf(() => decideType('application/x-msdownload', new Uint8Array(), 'setup.exe'))).toMatch(
      /^This kind of file isn't accepted: \.exe\. Attach PNG, /,
    );
    expect(messageOf(() => decideType(undefined, new Uint8Array([0xff, 0x00]), 'README'))).toMatch(/^This kind of file isn't accepted\. Attach /);
    expect([extensionOf('Setup.EXE'), extensionOf('archive.tar.gz'), extensionOf('README'), extensionOf('.env')]).toEqual(['.exe', '.gz', undefined, '.env']);
  });

  it('says sizes as people do', () => {
    expect([sizeInWords(10 * 1024 * 1024), sizeInWords(100_000), sizeInWords(1536), sizeInWords(512)]).toEqual(['10 MB', '97.7 KB', '1.5 KB', '512 bytes']);
    expect(tooLargeMessage(10_485_760)).toBe('This file is too large: files up to 10 MB can be attached.');
  });

  it('tells binary from text', () => {
    expect(isPlainText(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toBe(false);
    expect(isPlainText(new Uint8Array([0x41, 0x00, 0x42]))).toBe(false);
    expect(isPlainText(text('tab\tseparated\r\nlines'))).toBe(true);
  });
});

describe('canRemoveAttachment', () => {
  const viewer = (id: string, role: Viewer['role'], departmentId: string | null): Viewer => ({
    id,
    username: id,
    role,
    departmentId,
    inCreativeDepartment: departmentId === 'creative',
  });
  const ticket: TicketFacts = {
    status: 'IN_PROGRESS',
    requesterId: 'requester',
    departmentId: 'marketing',
    assigneeId: 'designer',
    collaboratorIds: [],
    reachedCreative: true,
    deleted: false,
  };
  it('lets the uploader, a manager with authority and an admin remove it, and no one else', () => {
    expect(canRemoveAttachment(viewer('designer', 'MEMBER', 'creative'), ticket, 'designer')).toBe(true);
    expect(canRemoveAttachment(viewer('requester', 'MEMBER', 'marketing'), ticket, 'designer')).toBe(false);
    expect(canRemoveAttachment(viewer('boss', 'MANAGER', 'marketing'), ticket, 'designer')).toBe(true);
    expect(canRemoveAttachment(viewer('root', 'ADMIN', null), ticket, 'designer')).toBe(true);
    expect(canRemoveAttachment(viewer('sales-boss', 'MANAGER', 'sales'), ticket, 'designer')).toBe(false);
  });
});

describe('checkVersionRoom', () => {
  it('takes versions up to MAX_VERSIONS_PER_FILE of a name, then BAD_USER_INPUT on file', () => {
    expect(codeOf(() => checkVersionRoom(MAX_VERSIONS_PER_FILE - 1))).toBe('ok');
    expect(codeOf(() => checkVersionRoom(MAX_VERSIONS_PER_FILE))).toBe('BAD_USER_INPUT');
    expect(() => checkVersionRoom(MAX_VERSIONS_PER_FILE)).toThrow(`${MAX_VERSIONS_PER_FILE} versions`);
  });
});
