// 登录: login and password → POST /api/v1/auth/login. The password goes in the request body only.
import { h, replace } from '../dom.js';
import { api, messageOf } from '../api.js';
import { unlock } from '../beep.js';

const endedText = {
  expired: '由于长时间未操作或登录已到期，您已退出登录。请重新登录。',
  logout: '您已退出登录。',
};

export function loginPage(root, onLogin) {
  const ended = sessionStorage.getItem('jiuzhu.console.ended');
  sessionStorage.removeItem('jiuzhu.console.ended');
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' });
  const user = h('input', { id: 'login', name: 'login', autocomplete: 'username', required: true, maxlength: 100 });
  const pass = h('input', {
    id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1000,
  });
  const button = h('button', { type: 'submit', class: 'primary' }, '登录');
  const form = h(
    'form',
    { class: 'login', 'aria-describedby': 'login-error' },
    h('div', { class: 'field' }, h('label', { for: 'login' }, '用户名'), user),
    h('div', { class: 'field' }, h('label', { for: 'password' }, '密码'), pass),
    button,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    unlock();
    button.disabled = true;
    replace(error);
    try {
      const r = await api('POST', '/api/v1/auth/login', { login: user.value.trim(), password: pass.value });
      pass.value = '';
      onLogin(r, user.value.trim());
    } catch (e) {
      replace(error, messageOf(e));
      button.disabled = false;
      pass.focus();
    }
  });
  replace(
    root,
    h('h1', {}, '工作人员登录'),
    ended ? h('p', { class: 'notice', role: 'status' }, endedText[ended] ?? '') : null,
    form,
    error,
  );
  user.focus();
}
