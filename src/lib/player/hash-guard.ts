/**
 * Address changes the course did not make itself (an LMS or a script setting the frame's hash,
 * the learner editing it) must never reload the page. SvelteKit's hash router answers a
 * `popstate` without its own history state with location.reload() (to match its path router),
 * and a reloaded course calls the LMS's Initialize a second time, which Moodle refuses (2004
 * error 104; 1.2 throws), so the course fell back to saving on the device only.
 *
 * A capture listener on the window runs before the router's own listener. For a popstate
 * without the router's state it stops the event there, steps back off the foreign history entry
 * (the router sees its own entry again and does nothing), then goes to the address that was
 * asked for as an ordinary navigation. History then holds only the router's own entries, so the
 * Back button keeps working.
 */
import { goto } from '$app/navigation';

/** The router's history entries carry its own keys ("sveltekit:history", "sveltekit:navigation"). */
const fromRouter = (state: unknown): boolean => typeof state === 'object' && state !== null && Object.keys(state).some((k) => k.startsWith('sveltekit:'));

export function guardHashNavigation(win: Window): void {
  /** where a foreign address change asked to go, once we are back on the router's entry */
  let asked: string | null = null;
  win.addEventListener(
    'popstate',
    (event) => {
      if (fromRouter(event.state)) {
        if (asked === null) return;
        const to = asked;
        asked = null;
        // after the router has seen its own entry again (it keeps the page as it is)
        win.setTimeout(() => void goto(to), 0);
        return;
      }
      event.stopImmediatePropagation();
      asked ??= win.location.href;
      win.history.back();
    },
    true,
  );
}
