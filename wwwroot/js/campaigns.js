// Osvi Dashboard, campaigns: the pasted contacts box. Its text goes to the server as a stream (chunked), because a
// SignalR message from the browser is limited to 32 KB and a pasted list is often larger.
(() => {
  "use strict";

  window.osviCampaigns = {
    // The box's text as UTF-8 bytes: Blazor reads a returned Uint8Array as an IJSStreamReference.
    textOf(element) {
      return new TextEncoder().encode(element ? element.value : "");
    },

    // Puts text into the box (e.g. a file to fix by hand); the server sends it, so its size is not limited.
    setText(element, text) {
      if (element) {
        element.value = text;
        element.dispatchEvent(new Event("input", { bubbles: true }));
      }
    },

    length(element) {
      return element ? element.value.length : 0;
    },
  };
})();
