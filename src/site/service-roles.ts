/**
 * The trust policy of a role an AWS service assumes for this account only: the `aws:SourceAccount`
 * condition keeps another account's use of the service from assuming it (confused deputy).
 */
export function serviceAssumeRolePolicy(service: string, accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });
}
