// Buttons: text, icon-only (with a label for screen readers and a tooltip), primary or quiet.
import type { ButtonHTMLAttributes, ReactNode } from 'react';

export function Button({ variant = 'secondary', icon, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'quiet' | 'danger'; icon?: ReactNode }) {
  return (
    <button type="button" className={`button button--${variant}`} {...rest}>
      {icon}
      {children ? <span>{children}</span> : null}
    </button>
  );
}

export function IconButton({ label, icon, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { label: string; icon: ReactNode }) {
  return (
    <button type="button" className="icon-button" aria-label={label} title={label} {...rest}>
      {icon}
    </button>
  );
}
