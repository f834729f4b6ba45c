// Recognizing database errors we turn into user errors, whichever driver adapter raised them.

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  const kind = record.meta?.driverAdapterError?.cause?.kind;
  if (kind === 'UniqueConstraintViolation') return 'P2002';
  return typeof record.code === 'string' ? record.code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === 'P2002';
}
