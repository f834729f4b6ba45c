import type { ProofContext, ProofVersion } from './proof-types';

/** The version before the one shown (what its open annotations may carry over from), if there is one. */
export function previousVersion(context: ProofContext): ProofVersion | undefined {
  const versions = context.versions();
  const index = versions.findIndex((version) => version.id === context.file().id);
  return index > 0 ? versions[index - 1] : undefined;
}
