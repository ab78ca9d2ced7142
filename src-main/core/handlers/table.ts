// The handler table: one function per contract channel. TypeScript refuses a missing one.
import type { HandlerTable } from './context';
import { accountBeginTotpEnrolment, accountChangeEmail, accountChangePassword, accountConfirmTotpEnrolment, accountUseEmailFactor } from './account';
import { auditActors, auditQuery, auditVerify } from './audit';
import { authLogin, authResendCode, authVerify } from './auth';
import { authCompleteReset, authRequestReset } from './auth-reset';
import { authKeepAlive, authLock, authLogout, authMe, authReauth } from './auth-session';
import { settingsGetSecurity, settingsGetSmtp, settingsRegenerateRecoveryCode, settingsSetSecurity, settingsSetSmtp, settingsTestSmtp } from './settings';
import { myNumberReveal, myNumberSet, purposesList } from './mynumber';
import { registrantsCreate, registrantsGet, registrantsList, registrantsSummary, registrantsUpdate } from './registrants';
import { setupConfirmTotp, setupCreateAdmin, setupStatus } from './setup';
import { usersCreate, usersList, usersResetPassword, usersSetDisabled, usersUnlock, usersUpdate } from './users';

export const handlers: HandlerTable = {
  'setup.status': setupStatus,
  'setup.createAdmin': setupCreateAdmin,
  'setup.confirmTotp': setupConfirmTotp,
  'auth.login': authLogin,
  'auth.verify': authVerify,
  'auth.resendCode': authResendCode,
  'auth.reauth': authReauth,
  'auth.keepAlive': authKeepAlive,
  'auth.lock': authLock,
  'auth.logout': authLogout,
  'auth.me': authMe,
  'auth.requestReset': authRequestReset,
  'auth.completeReset': authCompleteReset,
  'account.changePassword': accountChangePassword,
  'account.changeEmail': accountChangeEmail,
  'account.beginTotpEnrolment': accountBeginTotpEnrolment,
  'account.confirmTotpEnrolment': accountConfirmTotpEnrolment,
  'account.useEmailFactor': accountUseEmailFactor,
  'users.list': usersList,
  'users.create': usersCreate,
  'users.update': usersUpdate,
  'users.setDisabled': usersSetDisabled,
  'users.resetPassword': usersResetPassword,
  'users.unlock': usersUnlock,
  'settings.getSmtp': settingsGetSmtp,
  'settings.setSmtp': settingsSetSmtp,
  'settings.testSmtp': settingsTestSmtp,
  'settings.regenerateRecoveryCode': settingsRegenerateRecoveryCode,
  'settings.getSecurity': settingsGetSecurity,
  'settings.setSecurity': settingsSetSecurity,
  'registrants.create': registrantsCreate,
  'registrants.update': registrantsUpdate,
  'registrants.list': registrantsList,
  'registrants.get': registrantsGet,
  'registrants.summary': registrantsSummary,
  'purposes.list': purposesList,
  'mynumber.set': myNumberSet,
  'mynumber.reveal': myNumberReveal,
  'audit.query': auditQuery,
  'audit.actors': auditActors,
  'audit.verify': auditVerify,
};
