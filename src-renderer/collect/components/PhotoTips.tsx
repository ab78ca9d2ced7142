// How to take a photo that can be read: light, no glare, the whole document, sharp.
import { useText } from '../i18n';

export function PhotoTips() {
  const { text } = useText();
  return (
    <details className="tips" open>
      <summary>{text('documents.tipsTitle')}</summary>
      <ul>
        <li>{text('documents.tipLight')}</li>
        <li>{text('documents.tipGlare')}</li>
        <li>{text('documents.tipFocus')}</li>
      </ul>
    </details>
  );
}
