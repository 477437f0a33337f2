// Command search is the search function of pkportal for AWS Lambda (as
// Netlify deploys it): it answers /api/search over the reports embedded at
// build time.
package main

import (
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/functions/search/searchapi"
)

func main() {
	rs, err := reportdata.Load()
	if err != nil {
		log.Fatal(err)
	}
	h := searchapi.NewLazy(rs, "fr", "en")
	lambda.Start(lambdahttp.Handler(h))
}
