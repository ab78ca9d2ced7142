// Whether the signed-in screen holds typed input that would be lost by locking: any
// editable text field inside the main area that is not empty. Fields marked
// data-mnv-transient (search boxes and the like) do not count.
const EDITABLE = [
  'input:not([type]), input[type="text"], input[type="email"], input[type="password"], input[type="number"], input[type="tel"], input[type="search"], input[type="url"]',
  'textarea',
].join(', ');

export function hasUnsavedInput(root: ParentNode | null = document.querySelector('[data-mnv-main]')): boolean {
  if (!root) return false;
  return [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(EDITABLE)].some(
    (field) => !field.readOnly && !field.disabled && !field.closest('[data-mnv-transient]') && field.value.trim() !== '',
  );
}
