// Osvi Dashboard, Calls area: the little the server cannot do in the browser (imported as a module by CallsScript).
// The recording player's clock runs here: reporting every timeupdate to the server would cost a round trip four times a
// second per listener, so the current transcript line is marked here and the server only hears about state changes.

const players = new WeakMap();

/** Starts a download of a same-origin URL without leaving the page (the download attribute keeps Blazor's router out). */
export function download(url) {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Copies text to the clipboard; false when the browser refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

/** Scrolls an element (or the first match of a selector) into view, e.g. the current search match. */
export function reveal(target) {
  const element = typeof target === "string" ? document.querySelector(target) : target;
  if (element && typeof element.scrollIntoView === "function") {
    element.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }
}

/**
 * Connects an <audio> element to a transcript (lines with data-start/data-end inside transcriptSelector) and to the
 * server (state changes only). While playing, the line being spoken gets data-playing="true".
 */
export function attachPlayer(audio, transcriptSelector, dotnet) {
  if (!audio) {
    return;
  }
  detachPlayer(audio);
  let current = null;
  const report = (error, cause) => {
    dotnet.invokeMethodAsync("OnPlayerState", {
      playing: !audio.paused && !audio.ended,
      rate: audio.playbackRate,
      duration: Number.isFinite(audio.duration) ? audio.duration : null,
      error: error ?? null,
      status: cause ? cause.status : null,
      message: cause ? cause.message : null,
    }).catch(() => { /* the circuit is gone */ });
  };
  const mark = () => {
    const container = document.querySelector(transcriptSelector);
    if (!container) {
      return;
    }
    const time = audio.currentTime;
    let found = null;
    for (const line of container.querySelectorAll("[data-start]")) {
      const start = Number(line.dataset.start);
      const end = line.dataset.end ? Number(line.dataset.end) : start + 1;
      if (time >= start && time < Math.max(end, start + 0.5)) {
        found = line;
        break;
      }
    }
    if (found === current) {
      return;
    }
    if (current) {
      current.removeAttribute("data-playing");
    }
    current = found;
    if (current) {
      current.setAttribute("data-playing", "true");
      if (container.dataset.follow === "true") {
        current.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    }
  };
  const onError = async () => {
    const code = audio.error ? audio.error.code : 0;
    const error = code === 4 ? "unsupported" : code === 2 ? "network" : code === 3 ? "decode" : "failed";
    // Before any audio arrived the element only says "unsupported" or "network": ask the dashboard why.
    report(error, Number.isFinite(audio.duration) ? null : await explainLoadFailure(audio.currentSrc || audio.src));
  };
  const handlers = {
    timeupdate: mark,
    seeked: mark,
    play: () => report(),
    pause: () => report(),
    ended: () => { report(); },
    ratechange: () => report(),
    loadedmetadata: () => report(),
    error: onError,
  };
  for (const [name, handler] of Object.entries(handlers)) {
    audio.addEventListener(name, handler);
  }
  players.set(audio, handlers);
  // The element starts loading as soon as it is rendered, so it may have failed before these handlers were there.
  if (audio.error) {
    onError();
  } else {
    report();
  }
}

/**
 * What the dashboard's recording endpoint answers for the first byte: its status and, for an error, its plain-text
 * message (written to be shown: no URL, no token). Status 0: the dashboard itself could not be reached.
 */
async function explainLoadFailure(src) {
  try {
    const response = await fetch(src, { headers: { Range: "bytes=0-0" }, cache: "no-store", credentials: "same-origin" });
    const type = response.headers.get("content-type") || "";
    const message = !response.ok && type.startsWith("text/plain") ? (await response.text()).slice(0, 500) : null;
    return { status: response.status, message };
  } catch {
    return { status: 0, message: null };
  }
}

/** Undoes attachPlayer. */
export function detachPlayer(audio) {
  const handlers = audio ? players.get(audio) : null;
  if (!handlers) {
    return;
  }
  for (const [name, handler] of Object.entries(handlers)) {
    audio.removeEventListener(name, handler);
  }
  players.delete(audio);
}

/** Plays or pauses. */
export async function toggle(audio) {
  if (!audio) {
    return;
  }
  if (audio.paused || audio.ended) {
    await playSafely(audio);
  } else {
    audio.pause();
  }
}

/** Moves by a number of seconds (negative: back), within the recording. */
export function skip(audio, seconds) {
  if (!audio) {
    return;
  }
  const end = Number.isFinite(audio.duration) ? audio.duration : Number.MAX_SAFE_INTEGER;
  audio.currentTime = Math.min(Math.max(0, audio.currentTime + seconds), end);
}

/** Sets the playback speed (0.5–2). */
export function setRate(audio, rate) {
  if (audio) {
    audio.playbackRate = Math.min(2, Math.max(0.5, rate));
  }
}

/** Jumps to a moment and plays from there (a click on a transcript line). */
export async function seek(audio, seconds) {
  if (!audio) {
    return;
  }
  audio.currentTime = Math.max(0, seconds);
  await playSafely(audio);
}

async function playSafely(audio) {
  try {
    await audio.play();
  } catch {
    // Autoplay rules or a missing source: the element's own error event tells the server.
  }
}
