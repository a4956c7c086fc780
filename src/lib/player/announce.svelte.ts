/** One polite live region for the whole app: feedback and step changes are announced through it. */
class Announcer {
  message = $state('');
  say(text: string): void {
    // clear first so the same text twice is still announced
    this.message = '';
    queueMicrotask(() => (this.message = text));
  }
}
export const announcer = new Announcer();
