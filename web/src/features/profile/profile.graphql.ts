import { graphql } from '../../gql';

export const profileQuery = graphql(`
  query Profile {
    viewer {
      id
      username
      displayName
      email
      role
      timeZone
      telegramLinked
      telegramUsername
      department {
        id
        name
      }
      notificationPreferences {
        mutedKinds
        telegramDm
        quietHoursStart
        quietHoursEnd
      }
    }
  }
`);

export const updateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        id
        displayName
        timeZone
      }
    }
  }
`);

export const updateNotificationPreferencesMutation = graphql(`
  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      preferences {
        mutedKinds
        telegramDm
        quietHoursStart
        quietHoursEnd
      }
    }
  }
`);

export const createTelegramLinkCodeMutation = graphql(`
  mutation CreateTelegramLinkCode {
    createTelegramLinkCode {
      code
      deepLink
      expiresAt
    }
  }
`);

export const unlinkTelegramMutation = graphql(`
  mutation UnlinkTelegram {
    unlinkTelegram {
      user {
        id
        telegramLinked
      }
    }
  }
`);
