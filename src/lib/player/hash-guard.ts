/**
 * Address changes the course did not make itself (an LMS or a script setting the frame's hash,
 * the learner editing it, a history entry without the router's state) must never reload the page.
 * SvelteKit's hash router answers such a `popstate` with location.reload() (to match its path
 * router), and a reloaded course calls the LMS's Initialize a second time, which Moodle refuses
 * (2004 error 104; 1.2 throws), so the course fell back to saving on the device only.
 *
 * A capture listener on the window runs before the router's own listener; for a popstate
 * without the router's state it stops the event there and navigates in the app instead,
 * replacing the foreign history entry with one of the router's own.
 */
import { goto } from '$app/navigation';

/** The router's history entries carry its own keys ("sveltekit:history", "sveltekit:navigation"). */
const fromRouter = (state: unknown): boolean => typeof state === 'object' && state !== null && Object.keys(state).some((k) => k.startsWith('sveltekit:'));

export function guardHashNavigation(win: Window): void {
  win.addEventListener(
    'popstate',
    (event) => {
      if (fromRouter(event.state)) return;
      event.stopImmediatePropagation();
      void goto(win.location.href, { replaceState: true, keepFocus: false });
    },
    true,
  );
}
