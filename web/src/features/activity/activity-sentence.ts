/**
 * What an entry says after its actor. The server's summary is a sentence that stands alone for other tools
 * ("mia approved #12 for its department; …"); here the actor's display name is shown first, in bold, so
 * the username it starts with would say who twice.
 */
export function afterActor(summary: string, actorUsername: string | undefined): string {
  const prefix = actorUsername ? `${actorUsername} ` : undefined;
  return prefix && summary.startsWith(prefix) ? summary.slice(prefix.length) : summary;
}
