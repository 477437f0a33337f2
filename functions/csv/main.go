// Command csv is the CSV download function of pkportal for AWS Lambda (as
// Netlify deploys it): it answers /api/csv over the reports embedded at
// build time, each decoded when a request first names it.
package main

import (
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"pkportal/functions/csv/csvapi"
	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
)

func main() {
	p, err := reportdata.Reports()
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(lambdahttp.Handler(csvapi.NewFrom(p)))
}
