// The page served at /c/ until the phone form (src-renderer/collect) is built: it says so, in
// Japanese first. No script, no style, no personal data: it needs nothing but itself.
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>マイナンバーの登録 / My Number registration</title>
</head>
<body>
<h1>マイナンバーの登録</h1>
<p>登録フォームは準備中です。人事担当者からの案内をお待ちください。</p>
<h2 lang="en">My Number registration</h2>
<p lang="en">The registration form is not available yet. Please wait for HR's notice.</p>
</body>
</html>
`;
