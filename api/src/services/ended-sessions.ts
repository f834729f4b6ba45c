// Sessions that just ended, as the services report them once the change that ends them is stored: all of a
// user's (deactivation, a new role or department, a password change or reset, logout everywhere) or one
// (a logout, a refresh token presented twice). Realtime closes their open sockets on every instance.
export type EndedSessions = { userId: string; sessionId?: string | undefined };

export type EndedSessionsSink = (ended: EndedSessions) => void;
