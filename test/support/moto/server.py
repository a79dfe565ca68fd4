"""moto in server mode on 127.0.0.1 for the deploy rehearsal, with the gaps the rehearsal meets filled.

Run with the virtualenv of scripts/install-moto.sh:  python server.py <port> <region> [<region> ...]
Prints `listening http://127.0.0.1:<port>` once it answers, then serves until killed.

What is added to moto 5.2.5 here, and why (docs/REHEARSAL.md lists the same):
- Application Auto Scaling ListTagsForResource / TagResource / UntagResource are not implemented
  (HTTP 500) and the aws provider reads tags after every change: a tag store per resource ARN.
- The AWS-managed prefix list com.amazonaws.<region>.route53-healthchecks does not exist in moto:
  a customer-managed list of that name is created in each region given, with Route 53's checker
  ranges for that region unknown here (one documentation range stands in).
- AWS-managed IAM policies are loaded (MOTO_IAM_LOAD_MANAGED_POLICIES=true) for the ECS roles.
- KMS ReplicateKey shares the primary key's multi-Region configuration with the replica (a shallow
  copy), so describing the replica turns the primary into a REPLICA and the aws provider refuses it
  on the next plan: the replica gets its own copy.
- Route 53 CreateHostedZone makes a zone private only when HostedZoneConfig.PrivateZone is sent; AWS
  infers it from the VPC, which is all the aws provider sends. moto then drops the VPC and the next
  plan re-associates it: a zone created with a VPC is private.
- Step Functions ValidateStateMachineDefinition and ListStateMachineVersions are not implemented
  (HTTP 500), and the aws provider calls the first before CreateStateMachine and the second after
  every read: the definition must be JSON whose StartAt names one of its States, and a state
  machine has no published versions (the library publishes none).
- Route 53 DNSSEC (CreateKeySigningKey, Activate/DeactivateKeySigningKey, DeleteKeySigningKey,
  Enable/DisableHostedZoneDNSSEC) is not implemented and GetDNSSEC always says NOT_SIGNING: key-signing
  keys and signing are kept per zone (key material is a fixed placeholder: nothing resolves DNS here).
- Route 53 CreateQueryLoggingConfig accepts only a log group ARN ending in ":*"; AWS and the aws
  provider use the plain ARN: it is accepted and kept as given.
- ECS services report MOTO_ECS_SERVICE_RUNNING tasks running, one number for every service, so a
  service of another size never reaches the steady state the aws provider waits for. With
  MOTO_ECS_SERVICE_RUNNING=desired, a service runs what it asks for (moto's UpdateService already
  does so for a new desired count): a pilot-light standby's empty proxy service and one-task Admin
  API service are steady, and so is a promoted one.
- ECS ListServiceDeployments and DescribeServiceDeployments are not implemented (HTTP 500), and AWS
  provider 6 follows a new service's deployment through them while it waits for the steady state
  (`wait_for_steady_state`): each of a service's deployments is answered as a service deployment
  whose target revision carries the deployment's id (as AWS's do), SUCCESSFUL when moto's rollout
  state is COMPLETED, IN_PROGRESS while it is not.
- S3 CreateBucket ignores the tags of CreateBucketConfiguration, which is where AWS provider 6 puts
  a bucket's tags (it then reads them through S3 Control's ListTagsForResource, which moto serves
  from the same tag store): they are stored as PutBucketTagging would.
- CloudWatch speaks Smithy RPC v2 CBOR to the AWS SDKs of 2025 on (AWS provider 6 sends metric
  alarms that way), and moto only its Query and JSON protocols: a CBOR request
  (`smithy-protocol: rpc-v2-cbor`, POST /service/GraniteServiceVersion20100801/operation/<Op>) is
  decoded with botocore's CBOR parser against CloudWatch's model, handed to moto as the same
  operation in the JSON protocol, and moto's answer re-encoded with botocore's CBOR serializer.
- EventBridge delivers nothing to a Step Functions target, and moto runs no state machine unless
  asked: with MOTO_EXECUTE_STATE_MACHINES=true, moto's own state machine runner is on (its
  `execute_state_machine` setting), a rule's `states` target starts an execution with the matched
  event as input (as EventBridge does, through the target's role), and two gaps of that runner are
  filled: an `aws-sdk` task passes Step Functions' PascalCase fields to the API unchanged (ECS wants
  `cluster`, not `Cluster`; Step Functions maps them with the API's model, as done here), and a
  response holding timestamps cannot be stored as the task's JSON output (they become ISO 8601
  strings). moto emits no Secrets Manager event of its own: the rehearsal puts the one AWS documents.
"""
import json
import logging
import os
import sys
import time
import uuid

os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "rehearsal")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "rehearsal")

import copy  # noqa: E402
import datetime  # noqa: E402
import io  # noqa: E402

import boto3  # noqa: E402  (moto's own dependency)
import xmltodict  # noqa: E402  (moto's own dependency)
from moto.applicationautoscaling import responses as aas  # noqa: E402
from moto.ecs import models as ecs  # noqa: E402
from moto.ecs import responses as ecs_responses  # noqa: E402
from moto.kms import models as kms  # noqa: E402
from moto.core.responses import ActionResult  # noqa: E402
from moto.core.utils import utcnow  # noqa: E402
from moto.route53 import exceptions as route53_exceptions  # noqa: E402
from moto.route53 import models as route53_models  # noqa: E402
from moto.route53 import responses as route53_responses  # noqa: E402
from moto.route53 import urls as route53_urls  # noqa: E402
from moto.s3 import responses as s3_responses  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402
from moto.moto_server import threaded_moto_server  # noqa: E402
from moto.stepfunctions import responses as sfn_responses  # noqa: E402
from moto.core.config import default_user_config  # noqa: E402
from moto.events import models as events_models  # noqa: E402
from moto.utilities.arns import parse_arn  # noqa: E402

_TAGS: dict = {}


def _list_tags_for_resource(self):
    return json.dumps({"Tags": _TAGS.get(self._get_param("ResourceARN"), {})})


def _tag_resource(self):
    _TAGS.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
    return json.dumps({})


def _untag_resource(self):
    tags = _TAGS.get(self._get_param("ResourceARN"), {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return json.dumps({})


_register = aas.ApplicationAutoScalingResponse.register_scalable_target


def _register_with_tags(self):
    answer = _register(self)
    tags = self._get_param("Tags")
    if tags:
        _TAGS.setdefault(json.loads(answer)["ScalableTargetARN"], {}).update(tags)
    return answer


aas.ApplicationAutoScalingResponse.list_tags_for_resource = _list_tags_for_resource
aas.ApplicationAutoScalingResponse.tag_resource = _tag_resource
aas.ApplicationAutoScalingResponse.untag_resource = _untag_resource
aas.ApplicationAutoScalingResponse.register_scalable_target = _register_with_tags


_replicate_key = kms.KmsBackend.replicate_key


def _replicate_key_own_configuration(self, key_id, replica_region):
    replica = _replicate_key(self, key_id, replica_region)
    if replica.multi_region:
        replica.multi_region_configuration = copy.deepcopy(replica.multi_region_configuration)
        replica.multi_region_configuration["MultiRegionKeyType"] = "REPLICA"
    return replica


kms.KmsBackend.replicate_key = _replicate_key_own_configuration

_get_bool_param = route53_responses.Route53._get_bool_param


def _private_when_given_a_vpc(self, param_name, if_none=None):
    if param_name == "HostedZoneConfig.PrivateZone" and self._get_param("VPC.VPCId"):
        return True
    return _get_bool_param(self, param_name, if_none)


route53_responses.Route53._get_bool_param = _private_when_given_a_vpc


def _validate_state_machine_definition(self):
    try:
        definition = json.loads(self._get_param("definition"))
        valid = definition.get("StartAt") in (definition.get("States") or {})
    except (TypeError, ValueError, AttributeError):
        valid = False
    diagnostics = [] if valid else [{"severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "message": "StartAt must name one of the States", "location": "/StartAt"}]
    return json.dumps({"result": "OK" if valid else "FAIL", "diagnostics": diagnostics, "truncated": False})


def _list_state_machine_versions(self):
    return json.dumps({"stateMachineVersions": []})


sfn_responses.StepFunctionResponse.validate_state_machine_definition = _validate_state_machine_definition
sfn_responses.StepFunctionResponse.list_state_machine_versions = _list_state_machine_versions


_create_query_logging_config = route53_models.Route53Backend.create_query_logging_config


def _query_logging_with_plain_arn(self, hosted_zone_id, log_group_arn):
    if not log_group_arn or log_group_arn.endswith(":*"):
        return _create_query_logging_config(self, hosted_zone_id, log_group_arn)
    config = _create_query_logging_config(self, hosted_zone_id, f"{log_group_arn}:*")
    config.cloud_watch_logs_log_group_arn = log_group_arn
    return config


route53_models.Route53Backend.create_query_logging_config = _query_logging_with_plain_arn

# DNSSEC of a hosted zone: key-signing keys and signing on/off, kept per zone id. A KSK's key material
# is not made: its DNSKEY and DS fields are fixed placeholders (nothing here resolves DNS).
_DNSSEC: dict = {}


def _dnssec_of(response):
    zone_id = response._get_param("HostedZoneId")
    response.backend.get_hosted_zone(zone_id)  # NoSuchHostedZone, as AWS answers
    return _DNSSEC.setdefault(zone_id.split("/")[-1], {"signing": False, "keys": {}})


def _change_info():
    return {"Id": f"/change/C{uuid.uuid4().hex[:12].upper()}", "Status": "INSYNC", "SubmittedAt": utcnow()}


def _create_key_signing_key(self):
    state = _dnssec_of(self)
    name = self._get_param("Name")
    if name in state["keys"]:
        raise route53_exceptions.Route53ClientError("KeySigningKeyAlreadyExists", f"A key-signing key named {name} already exists")
    now = utcnow()
    key = {
        "Name": name,
        "KmsArn": self._get_param("KeyManagementServiceArn"),
        "Flag": 257,
        "SigningAlgorithmMnemonic": "ECDSAP256SHA256",
        "SigningAlgorithmType": 13,
        "DigestAlgorithmMnemonic": "SHA-256",
        "DigestAlgorithmType": 2,
        "KeyTag": 4242,
        "DigestValue": "0" * 64,
        "PublicKey": "cmVoZWFyc2Fs",
        "DSRecord": f"4242 13 2 {'0' * 64}",
        "DNSKEYRecord": "257 3 13 cmVoZWFyc2Fs",
        "Status": self._get_param("Status"),
        "CreatedDate": now,
        "LastModifiedDate": now,
    }
    state["keys"][name] = key
    zone_id = self._get_param("HostedZoneId").split("/")[-1]
    return ActionResult({"ChangeInfo": _change_info(), "KeySigningKey": key, "Location": f"https://route53.amazonaws.com/2013-04-01/keysigningkey/{zone_id}/{name}"})


def _key_status(status):
    def handler(self):
        key = _dnssec_of(self)["keys"].get(self._get_param("Name"))
        if key is None:
            raise route53_exceptions.Route53ClientError("NoSuchKeySigningKey", "The specified key-signing key doesn't exist")
        key.update(Status=status, LastModifiedDate=utcnow())
        return ActionResult({"ChangeInfo": _change_info()})

    return handler


def _delete_key_signing_key(self):
    if _dnssec_of(self)["keys"].pop(self._get_param("Name"), None) is None:
        raise route53_exceptions.Route53ClientError("NoSuchKeySigningKey", "The specified key-signing key doesn't exist")
    return ActionResult({"ChangeInfo": _change_info()})


def _signing(on):
    def handler(self):
        _dnssec_of(self)["signing"] = on
        return ActionResult({"ChangeInfo": _change_info()})

    return handler


def _get_dnssec(self):
    state = _dnssec_of(self)
    return ActionResult({"Status": {"ServeSignature": "SIGNING" if state["signing"] else "NOT_SIGNING"}, "KeySigningKeys": list(state["keys"].values())})


route53_responses.Route53.create_key_signing_key = _create_key_signing_key
route53_responses.Route53.activate_key_signing_key = _key_status("ACTIVE")
route53_responses.Route53.deactivate_key_signing_key = _key_status("INACTIVE")
route53_responses.Route53.delete_key_signing_key = _delete_key_signing_key
route53_responses.Route53.enable_hosted_zone_dnssec = _signing(True)
route53_responses.Route53.disable_hosted_zone_dnssec = _signing(False)
route53_responses.Route53.get_dnssec = _get_dnssec
_ROUTE53_API = r"{0}/(?P<api_version>[\d_-]+)"
route53_urls.url_paths.update(
    {
        _ROUTE53_API + r"/keysigningkey$": route53_responses.Route53.dispatch,
        _ROUTE53_API + r"/keysigningkey/(?P<zone_id>[^/]+)/(?P<name>[^/]+)$": route53_responses.Route53.dispatch,
        _ROUTE53_API + r"/keysigningkey/(?P<zone_id>[^/]+)/(?P<name>[^/]+)/activate$": route53_responses.Route53.dispatch,
        _ROUTE53_API + r"/keysigningkey/(?P<zone_id>[^/]+)/(?P<name>[^/]+)/deactivate$": route53_responses.Route53.dispatch,
        _ROUTE53_API + r"/hostedzone/(?P<zone_id>[^/]+)/enable-dnssec$": route53_responses.Route53.dispatch,
        _ROUTE53_API + r"/hostedzone/(?P<zone_id>[^/]+)/disable-dnssec$": route53_responses.Route53.dispatch,
    }
)

_service_init = ecs.Service.__init__


def _running_follows_desired(self, *args, **kwargs):
    _service_init(self, *args, **kwargs)
    if os.environ.get("MOTO_ECS_SERVICE_RUNNING") != "desired":
        return
    self.running_count = self.desired_count
    self.pending_count = 0
    for deployment in self.deployments:
        deployment.update(runningCount=self.desired_count, pendingCount=0, rolloutState="COMPLETED")


ecs.Service.__init__ = _running_follows_desired


_bucket_put = s3_responses.S3Response._bucket_response_put


def _bucket_put_with_creation_tags(self, request, bucket_name, querystring):
    answer = _bucket_put(self, request, bucket_name, querystring)
    if not querystring and self.body:
        # A CreateBucket: the tags AWS takes with it, as <Tags><Tag><Key/><Value/></Tag>...</Tags>.
        tags = (xmltodict.parse(self.body).get("CreateBucketConfiguration") or {}).get("Tags") or {}
        listed = tags.get("Tag") or []
        listed = listed if isinstance(listed, list) else [listed]
        if listed:
            self.backend.put_bucket_tagging(bucket_name, {t["Key"]: t.get("Value") or "" for t in listed})
    return answer


s3_responses.S3Response._bucket_response_put = _bucket_put_with_creation_tags


# ECS service deployments, derived from moto's own deployments of a service (AWS provider 6 reads them).
_ROLLOUT_TO_DEPLOYMENT_STATUS = {"COMPLETED": "SUCCESSFUL", "IN_PROGRESS": "IN_PROGRESS", "FAILED": "STOPPED"}


def _service_deployments(backend, service):
    """Each of a moto service's deployments as AWS describes a service deployment."""
    prefix = f"arn:aws:ecs:{backend.region_name}:{backend.account_id}"
    for deployment in service.deployments:
        revision = deployment["id"].split("/")[-1]
        yield {
            "serviceDeploymentArn": f"{prefix}:service-deployment/{service.cluster_name}/{service.name}/{revision}",
            "serviceArn": service.arn,
            "clusterArn": service.cluster_arn,
            "createdAt": deployment["createdAt"],
            "startedAt": deployment["createdAt"],
            "targetServiceRevisionArn": f"{prefix}:service-revision/{service.cluster_name}/{service.name}/{revision}",
            "status": _ROLLOUT_TO_DEPLOYMENT_STATUS.get(deployment.get("rolloutState"), "IN_PROGRESS"),
        }


def _epoch(moment):
    """Seconds since the epoch of one of moto's timestamps (naive ones are UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)).timestamp()


def _list_service_deployments(self):
    service = self.ecs_backend._get_service(self._get_param("cluster", "default"), self._get_param("service"))
    # moto hands request timestamps over as datetimes.
    after = (self._get_param("createdAt") or {}).get("after")
    briefs = [d for d in _service_deployments(self.ecs_backend, service) if after is None or _epoch(d["createdAt"]) >= _epoch(after)]
    return ActionResult({"serviceDeployments": briefs})


def _describe_service_deployments(self):
    wanted = set(self._get_param("serviceDeploymentArns") or [])
    found = [d for service in self.ecs_backend.services.values() for d in _service_deployments(self.ecs_backend, service) if d["serviceDeploymentArn"] in wanted]
    missing = [{"arn": arn, "reason": "MISSING"} for arn in sorted(wanted - {d["serviceDeploymentArn"] for d in found})]
    return ActionResult({"serviceDeployments": found, "failures": missing})


ecs_responses.EC2ContainerServiceResponse.list_service_deployments = _list_service_deployments
ecs_responses.EC2ContainerServiceResponse.describe_service_deployments = _describe_service_deployments


class _CborToJson:
    """WSGI middleware: Smithy RPC v2 CBOR requests answered through moto's JSON protocol."""

    def __init__(self, app):
        import re

        import botocore.parsers
        import botocore.serialize
        import botocore.session

        self.app = app
        self.path = re.compile(r"^/service/(?P<service>[^/]+)/operation/(?P<operation>[^/]+)$")
        session = botocore.session.get_session()
        # Every service of the stacks that speaks CBOR, by the target prefix its paths carry.
        self.models = {m.metadata["targetPrefix"]: m for m in (session.get_service_model("cloudwatch"),)}
        self.cbor_in = botocore.parsers.RpcV2CBORParser()
        self.json_in = botocore.parsers.JSONParser()
        self.cbor_out = botocore.serialize.RpcV2CBORSerializer()

    def __getattr__(self, name):
        return getattr(self.app, name)

    def __call__(self, environ, start_response):
        match = self.path.match(environ.get("PATH_INFO", ""))
        if environ.get("HTTP_SMITHY_PROTOCOL") != "rpc-v2-cbor" or not match or match["service"] not in self.models:
            return self.app(environ, start_response)
        model = self.models[match["service"]]
        operation = model.operation_model(match["operation"])
        answer = {}

        def capture(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return lambda _data: None

        chunks = self.app(self._as_json_request(environ, model, operation), capture)
        text = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        out = self._cbor_answer(int(answer["status"].split()[0]), text, operation)
        kept = [(k, v) for k, v in answer["headers"] if k.lower() not in ("content-type", "content-length")]
        start_response(
            answer["status"],
            kept + [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor"), ("Content-Length", str(len(out)))],
        )
        return [out]

    def _as_json_request(self, environ, model, operation):
        """The WSGI environ of the same operation in the JSON protocol (timestamps as epoch seconds)."""
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        params = {}
        if body and operation.input_shape is not None:
            params = self.cbor_in.parse({"body": body, "headers": {}, "status_code": 200}, operation.input_shape)
            params.pop("ResponseMetadata", None)
        as_json = json.dumps(params, default=lambda v: v.timestamp() if isinstance(v, datetime.datetime) else str(v)).encode()
        inner = {k: v for k, v in environ.items() if k != "HTTP_SMITHY_PROTOCOL"}
        inner.update(
            {
                "PATH_INFO": "/",
                "CONTENT_TYPE": f"application/x-amz-json-{model.metadata.get('jsonVersion', '1.0')}",
                "CONTENT_LENGTH": str(len(as_json)),
                "HTTP_X_AMZ_TARGET": f"{model.metadata['targetPrefix']}.{operation.name}",
                "wsgi.input": io.BytesIO(as_json),
            }
        )
        return inner

    def _cbor_answer(self, code, text, operation):
        """moto's JSON answer as CBOR: the output shape's data item, or an error's `__type` and `message`."""
        out = bytearray()
        if code >= 400:
            error = json.loads(text or b"{}")
            fields = {"__type": str(error.get("__type") or code), "message": str(error.get("message") or error.get("Message") or "")}
            out.extend(self.cbor_out._get_initial_byte(self.cbor_out.MAP_MAJOR_TYPE, len(fields)))
            for key, value in fields.items():
                self.cbor_out._serialize_type_string(out, key, None, None)
                self.cbor_out._serialize_type_string(out, value, None, None)
        elif operation.output_shape is not None and text:
            parsed = self.json_in.parse({"body": text, "headers": {}, "status_code": code}, operation.output_shape)
            parsed.pop("ResponseMetadata", None)
            self.cbor_out._serialize_data_item(out, parsed, operation.output_shape)
        else:
            out.extend(self.cbor_out._get_initial_byte(self.cbor_out.MAP_MAJOR_TYPE, 0))
        return bytes(out)


_dispatcher = threaded_moto_server.DomainDispatcherApplication
threaded_moto_server.DomainDispatcherApplication = lambda *args, **kwargs: _CborToJson(_dispatcher(*args, **kwargs))


def _run_state_machines() -> None:
    """EventBridge rules start their Step Functions targets, and moto's runner executes them."""
    import json as json_module

    import botocore.session
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_aws_sdk as aws_sdk

    default_user_config["stepfunctions"]["execute_state_machine"] = True
    models = botocore.session.get_session()
    send_to_targets = events_models.Rule.send_to_targets

    def send_to_targets_and_state_machines(self, original_event, transform_input=True):
        # moto refuses a target type it does not know: it sees every target but the state machines.
        targets = self.targets
        state_machines = [t for t in targets if parse_arn(t["Arn"]).service == "states"]
        self.targets = [t for t in targets if t not in state_machines]
        try:
            send_to_targets(self, original_event, transform_input)
        finally:
            self.targets = targets
        if not self.event_pattern.matches_event(original_event):
            return
        for target in state_machines:
            if target.get("InputTransformer") or target.get("Input") or target.get("InputPath"):
                raise NotImplementedError("a Step Functions target with its own input is not emulated")
            arn = parse_arn(target["Arn"])
            sfn_responses.get_backend(arn.account, arn.region).start_execution(target["Arn"], execution_input=json_module.dumps(original_event))

    def normalise_parameters(self, parameters, boto_service_name=None, service_action_name=None):
        action = self.resource.api_action
        operation = models.get_service_model(self._get_boto_service_name(boto_service_name)).operation_model(action[0].upper() + action[1:])
        self._to_boto_request(parameters, operation.input_shape)

    eval_service_task = aws_sdk.StateTaskServiceAwsSdk._eval_service_task

    def eval_service_task_with_json_output(self, env, resource_runtime_part, normalised_parameters, state_credentials):
        eval_service_task(self, env, resource_runtime_part, normalised_parameters, state_credentials)
        as_text = json_module.dumps(env.stack.pop(), default=lambda v: v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else str(v))
        env.stack.append(json_module.loads(as_text))

    events_models.Rule.send_to_targets = send_to_targets_and_state_machines
    aws_sdk.StateTaskServiceAwsSdk._normalise_parameters = normalise_parameters
    aws_sdk.StateTaskServiceAwsSdk._eval_service_task = eval_service_task_with_json_output


def main() -> None:
    port = int(sys.argv[1])
    # moto's state machine runner calls AWS APIs on this server (localhost:MOTO_PORT).
    os.environ["MOTO_PORT"] = str(port)
    if os.environ.get("MOTO_EXECUTE_STATE_MACHINES") == "true":
        _run_state_machines()
    regions = sys.argv[2:]
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for region in regions:
        ec2 = boto3.client("ec2", region_name=region, endpoint_url=endpoint)
        ec2.create_managed_prefix_list(
            PrefixListName=f"com.amazonaws.{region}.route53-healthchecks",
            AddressFamily="IPv4",
            MaxEntries=10,
            Entries=[{"Cidr": "198.51.100.0/24", "Description": "stands in for Route 53 health checkers"}],
        )
    print(f"listening {endpoint}", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    try:
        main()
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(1)
