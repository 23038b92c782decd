// Osvi Dashboard: the little the server cannot do. Loaded once by App.razor, outside the Blazor circuit.
(() => {
  "use strict";

  // Theme: remembered per browser in a cookie that App.razor reads on the next visit (so the first paint is right).
  window.osviTheme = {
    save(theme) {
      const value = theme === "dark" ? "dark" : "light";
      document.cookie = `osvi-theme=${value}; path=/; max-age=31536000; samesite=lax`;
      document.documentElement.classList.remove("osvi-theme-light", "osvi-theme-dark", "osvi-theme-system");
      document.documentElement.classList.add(`osvi-theme-${value}`);
    },
  };

  // Whether a media query matches (the shell asks whether the screen is narrow enough for the drawer to cover the page).
  window.osviShell = {
    matches: (query) => window.matchMedia(query).matches,
  };

  // The viewer's IANA time zone (e.g. "Europe/Berlin") for IViewerTimeZone: global, so a page that only shows an
  // "updated" time needs no module of its own.
  window.osviTimeZone = () => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch {
      return null;
    }
  };

  // Disclosures (the user menu): [data-osvi-disclosure] holds a button with aria-expanded and a [hidden] popup. Opened
  // and closed here, not on the server: no component or round trip per circuit, and it works while reconnecting. The
  // button toggles; Escape, focus or a click leaving it, or choosing an entry closes it.
  const disclosureOf = (node) => (node instanceof Element ? node.closest("[data-osvi-disclosure]") : null);
  const setOpen = (disclosure, open) => {
    const toggle = disclosure.querySelector(":scope > button[aria-expanded]");
    const popup = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (popup) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      popup.hidden = !open;
    }
  };
  document.addEventListener("click", (event) => {
    const disclosure = disclosureOf(event.target);
    document.querySelectorAll("[data-osvi-disclosure]").forEach((other) => {
      if (other !== disclosure) setOpen(other, false);
    });
    const toggle = disclosure && event.target.closest("[data-osvi-disclosure] > button[aria-expanded]");
    if (toggle) {
      setOpen(disclosure, toggle.getAttribute("aria-expanded") !== "true");
    } else if (disclosure && event.target.closest("a[href], button[type=submit]")) {
      setOpen(disclosure, false);
    }
  });
  document.addEventListener("keydown", (event) => {
    const disclosure = disclosureOf(event.target);
    const toggle = disclosure?.querySelector(":scope > button[aria-expanded=true]");
    if (event.key === "Escape" && toggle) {
      setOpen(disclosure, false);
      toggle.focus();
    }
  });
  document.addEventListener("focusout", (event) => {
    const disclosure = disclosureOf(event.target);
    if (disclosure && !disclosure.contains(event.relatedTarget)) {
      setOpen(disclosure, false);
    }
  });

  // Reconnect UI: blazor.web.js raises components-reconnect-state-changed on #components-reconnect-modal.
  const modal = document.getElementById("components-reconnect-modal");
  if (modal) {
    const retryButton = document.getElementById("components-reconnect-button");
    const reloadButton = document.getElementById("components-reload-button");

    const retryWhenVisible = async () => {
      if (document.visibilityState === "visible") {
        await retry();
      }
    };

    const retry = async () => {
      document.removeEventListener("visibilitychange", retryWhenVisible);
      try {
        // reconnect() rejoins the same circuit; resumeCircuit() restores a paused one; otherwise reload.
        if (await Blazor.reconnect()) {
          return;
        }
        if (typeof Blazor.resumeCircuit === "function" && await Blazor.resumeCircuit()) {
          modal.close();
          return;
        }
        location.reload();
      } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
      }
    };

    // A message the client was sending when the socket dropped fails with "Cannot send data if the connection is not in
    // the 'Connected' State", and blazor.web.js shows its error bar for it. That is the disconnect the dialog already
    // explains, not a page error: clear the bar whenever the connection is lost or comes back.
    const errorBar = document.getElementById("blazor-error-ui");
    const clearErrorBar = () => {
      if (errorBar) {
        errorBar.style.display = "none";
      }
    };

    modal.addEventListener("components-reconnect-state-changed", (event) => {
      const state = event.detail.state;
      modal.dataset.state = state;
      if (state !== "rejected") {
        clearErrorBar();
      }
      if (state === "show" || state === "retrying" || state === "failed" || state === "paused") {
        if (!modal.open) {
          modal.showModal();
        }
        if (state === "failed") {
          document.addEventListener("visibilitychange", retryWhenVisible);
        }
      } else if (state === "hide" || state === "resume") {
        if (modal.open) {
          modal.close();
        }
      } else if (state === "rejected") {
        location.reload();
      }
    });

    retryButton?.addEventListener("click", retry);
    reloadButton?.addEventListener("click", () => location.reload());
  }
})();
