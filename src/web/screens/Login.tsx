import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { useRouter } from '../router.tsx';
import { useAction, useTitle } from '../hooks.ts';
import { ActionButton, ErrorBox, fieldErrors, Notice, TextField } from '../components/ui.tsx';

export function LoginScreen({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const { path, navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  useTitle(t('login.title'));
  const action = useAction(async () => {
    const user = await signIn(username.trim(), password);
    // a counter goes straight to their lists
    if (user.role === 'counter' && (path === '/' || path === '/login')) navigate('/count', { replace: true });
  });
  const errs = fieldErrors(action.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run();
  };
  return (
    <div className="login">
      <form noValidate className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {expired && <Notice kind="warning">{t('login.expired')}</Notice>}
        <ErrorBox error={action.error} shown={Object.keys(errs)} />
        <TextField label={t('login.username')} name="username" autoComplete="username" autoCapitalize="none" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus error={errs['/username']} />
        <TextField label={t('login.password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errs['/password']} />
        <ActionButton action={action} type="submit" className="btn btn-primary btn-block" testId="sign-in">
          {t('login.submit')}
        </ActionButton>
      </form>
    </div>
  );
}
