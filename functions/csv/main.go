// Command csv is the CSV download function of pkportal for AWS Lambda (as
// Netlify deploys it): it answers /api/csv over the reports embedded at
// build time.
package main

import (
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"pkportal/functions/csv/csvapi"
	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
)

func main() {
	rs, err := reportdata.Load()
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(lambdahttp.Handler(csvapi.New(rs)))
}
