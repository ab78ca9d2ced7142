import { TextInput, type TextInputProps } from '@mantine/core';

/** A field for a 6-digit one-time code (authenticator app or e-mail). */
export function OtpInput(props: TextInputProps) {
  return <TextInput className="mnv-otp-input" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required {...props} />;
}
