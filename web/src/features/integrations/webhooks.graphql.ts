import { graphql } from '../../gql';

export const webhookFieldsFragment = graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    description
    events
    enabled
    disabledReason
    createdAt
    department {
      id
      name
    }
    owner {
      id
      displayName
    }
  }
`);

/** The webhooks the viewer sees (an admin: every one) and the departments a webhook may be limited to. */
export const webhooksQuery = graphql(`
  query Webhooks {
    webhooks {
      ...WebhookFields
    }
    departments {
      id
      name
    }
  }
`);

export const webhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($id: ID!) {
    node(id: $id) {
      id
      ... on Webhook {
        deliveries(first: 20) {
          totalCount
          nodes {
            id
            eventType
            status
            attempts
            responseStatus
            durationMs
            lastError
            createdAt
            lastAttemptAt
            nextAttemptAt
          }
        }
      }
    }
  }
`);

export const createWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
`);

export const updateWebhookMutation = graphql(`
  mutation UpdateWebhook($input: UpdateWebhookInput!) {
    updateWebhook(input: $input) {
      webhook {
        ...WebhookFields
      }
    }
  }
`);

export const deleteWebhookMutation = graphql(`
  mutation DeleteWebhook($input: DeleteWebhookInput!) {
    deleteWebhook(input: $input) {
      deletedWebhookId
    }
  }
`);

export const redeliverWebhookDeliveryMutation = graphql(`
  mutation RedeliverWebhookDelivery($input: RedeliverWebhookDeliveryInput!) {
    redeliverWebhookDelivery(input: $input) {
      delivery {
        id
        status
      }
    }
  }
`);
