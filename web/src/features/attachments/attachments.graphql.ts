import { graphql } from '../../gql';

export const ticketAttachmentsQuery = graphql(`
  query TicketAttachments($id: ID!) {
    attachmentRules {
      maxBytes
      maxSize
      accepted {
        label
        extensions
      }
    }
    ticket(id: $id) {
      id
      attachments {
        id
        fileName
        mimeType
        size
        version
        width
        height
        url
        previewUrl
        createdAt
        viewerCanDelete
        uploader {
          id
          displayName
        }
      }
    }
  }
`);

export const deleteAttachmentMutation = graphql(`
  mutation DeleteAttachment($input: DeleteAttachmentInput!) {
    deleteAttachment(input: $input) {
      deletedAttachmentId
    }
  }
`);
