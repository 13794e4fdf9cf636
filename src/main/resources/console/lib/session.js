// Who is logged in, for every component: the role decides whether write controls are shown.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const SessionContext = createContext(null);

/** {user, role, canWrite, refresh(), logout()} of the logged-in operator. */
export function useSession() {
  return useContext(SessionContext);
}
