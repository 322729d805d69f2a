// Drop zones for files dragged from a folder (the case file's "Add files", New complaint's email), and the guard that stops a file dropped anywhere else from replacing the app's page.

import { ApiError, callWithFile } from './api.js';

/** Whether a drag carries files (not text or a link dragged within the page). */
function carriesFiles(event) {
  return [...(event.dataTransfer?.types ?? [])].includes('Files');
}

/**
 * Makes `zone` take files dropped onto it: highlighted (.drop-zone--over) while files are dragged
 * over it, then `onFiles([File])` with what was dropped. The zone's own file input stays the way
 * to choose files with the keyboard; dropping is only a shortcut for it.
 */
export function dropZone(zone, { onFiles }) {
  // dragenter and dragleave come for every element inside the zone: counted, so that the highlight
  // goes only when the drag leaves the zone itself.
  let depth = 0;
  const over = (on) => zone.classList.toggle('drop-zone--over', on);
  zone.classList.add('drop-zone');
  zone.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth += 1;
    over(true);
  });
  zone.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    over(true);
  });
  zone.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) over(false);
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    // Handled here: the page-wide guard below leaves it alone.
    event.stopPropagation();
    depth = 0;
    over(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) onFiles(files);
  });
  return zone;
}

/**
 * Stops a file dropped outside a drop zone from being opened in the window in place of Redress
 * (what a web view does with a dropped file), which would lose whatever was being typed.
 */
export function preventStrayDrops(target = window) {
  target.addEventListener('dragover', (event) => {
    if (!carriesFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  });
  target.addEventListener('drop', (event) => {
    if (carriesFiles(event) || event.dataTransfer?.files?.length) event.preventDefault();
  });
}

/** Sends one chosen or dropped file to a command that takes a file's bytes (see callWithFile). */
export async function sendFile(name, file, headers) {
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    // Moved, deleted or locked since it was chosen: said on the file box.
    throw new ApiError('unreadable_file', `Redress could not read ${file.name}. Check it is still there and not open in another program, then try again`, 'file');
  }
  return callWithFile(name, bytes, headers);
}
