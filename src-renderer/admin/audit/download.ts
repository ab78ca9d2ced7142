// Saves a file the core made (base64) through the browser's download: the desktop shell
// asks where to save it, Chromium saves it to its downloads folder.
export function downloadFile(file: { fileName: string; contentBase64: string }, type = 'text/csv'): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // After the click has been handled: revoking at once may cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
