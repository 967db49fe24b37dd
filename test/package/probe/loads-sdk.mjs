// A module that loads the AWS SDK, to show that the probe notices it.
import '@aws-sdk/client-mediaconvert';
