// Chat console: Enter to send, and keeping the conversation scrolled to its newest entry.
// An ES module imported by the console (IJSRuntime "import"), so it costs nothing on other pages.

// Enter sends, Shift+Enter starts a new line. A composer is a textarea whose id a send button names in data-send-for.
// Only the new line is stopped here: the server sees the same keydown after the text typed before it (events keep
// their order) and sends, so a text pasted and sent at once is never lost, and an in-flight send is never repeated.
document.addEventListener("keydown", (event) => {
  const input = event.target;
  if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !event.isComposing
      && input instanceof HTMLTextAreaElement && input.id
      && document.querySelector(`[data-send-for="${CSS.escape(input.id)}"]`)) {
    event.preventDefault();
  }
});

const pinned = new WeakMap();

/** Follows the end of a scrolling element: new entries scroll into view unless the reader has scrolled up to read. */
export function follow(element) {
  if (!element || pinned.has(element)) {
    return;
  }

  pinned.set(element, true);
  element.addEventListener("scroll", () => {
    pinned.set(element, element.scrollHeight - element.scrollTop - element.clientHeight < 48);
  }, { passive: true });
  element.scrollTop = element.scrollHeight;
}

/** Scrolls to the newest entry if the reader was at the end (or always when forced, e.g. after sending). */
export function scrollToEnd(element, force) {
  if (element && (force || pinned.get(element) !== false)) {
    element.scrollTop = element.scrollHeight;
    pinned.set(element, true);
  }
}
