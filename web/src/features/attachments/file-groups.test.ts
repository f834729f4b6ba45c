import { describe, expect, it } from 'vitest';
import { type AttachmentView, formatSize, groupByName } from './file-groups';

const file = (id: string, fileName: string, version: number): AttachmentView => ({
  id,
  fileName,
  version,
  mimeType: 'image/png',
  size: 10,
  url: `/files/${id}`,
  createdAt: '2026-11-30T08:00:00Z',
  viewerCanDelete: false,
  uploader: { id: 'u', displayName: 'U' },
});

describe('groupByName', () => {
  it('puts the latest version of each name first and keeps the earlier ones beneath it', () => {
    const groups = groupByName([file('a1', 'proof.png', 1), file('b1', 'brief.pdf', 1), file('a2', 'proof.png', 2), file('a3', 'proof.png', 3)]);
    expect(groups.map((group) => [group.fileName, group.latest.id, group.earlier.map((entry) => entry.id)])).toEqual([
      ['proof.png', 'a3', ['a2', 'a1']],
      ['brief.pdf', 'b1', []],
    ]);
  });
});

describe('formatSize', () => {
  it('says sizes the way people read them', () => {
    expect([formatSize(512), formatSize(2_345), formatSize(456_000), formatSize(3_400_000)]).toEqual(['512 B', '2.3 kB', '456 kB', '3.4 MB']);
  });
});
